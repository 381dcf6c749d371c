-- pgkeel 0.1.0 plan: 119 steps (pre 0, backfill 0, post 119)
-- Statements marked [no transaction] must run outside a transaction block.

-- ================ phase post

-- step 1: drop table public.audit_log
--   lock: ACCESS EXCLUSIVE on public.audit_log
--   hazards: DELETES_DATA
DROP TABLE public.audit_log;

-- step 2: drop table telephony.call_log_2025
--   lock: ACCESS EXCLUSIVE on telephony.call_log_2025
--   hazards: DELETES_DATA
DROP TABLE telephony.call_log_2025;

-- step 3: drop table telephony.call_log_2026
--   lock: ACCESS EXCLUSIVE on telephony.call_log_2026
--   hazards: DELETES_DATA
DROP TABLE telephony.call_log_2026;

-- step 4: drop table telephony.call_log_default
--   lock: ACCESS EXCLUSIVE on telephony.call_log_default
--   hazards: DELETES_DATA
DROP TABLE telephony.call_log_default;

-- step 5: drop foreign key invoice_lines_invoice_id_fkey of billing.invoice_lines (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on billing.invoice_lines
ALTER TABLE billing.invoice_lines DROP CONSTRAINT invoice_lines_invoice_id_fkey;

-- step 6: drop table billing.invoice_lines
--   lock: ACCESS EXCLUSIVE on billing.invoice_lines
--   hazards: DELETES_DATA
DROP TABLE billing.invoice_lines;

-- step 7: drop foreign key invoices_business_id_fkey of billing.invoices (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on billing.invoices
ALTER TABLE billing.invoices DROP CONSTRAINT invoices_business_id_fkey;

-- step 8: drop foreign key invoices_subscription_id_fkey of billing.invoices (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on billing.invoices
ALTER TABLE billing.invoices DROP CONSTRAINT invoices_subscription_id_fkey;

-- step 9: drop foreign key payments_invoice_id_fkey of billing.payments (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on billing.payments
ALTER TABLE billing.payments DROP CONSTRAINT payments_invoice_id_fkey;

-- step 10: drop foreign key subscriptions_business_id_fkey of billing.subscriptions (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on billing.subscriptions
ALTER TABLE billing.subscriptions DROP CONSTRAINT subscriptions_business_id_fkey;

-- step 11: drop foreign key subscriptions_plan_id_fkey of billing.subscriptions (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on billing.subscriptions
ALTER TABLE billing.subscriptions DROP CONSTRAINT subscriptions_plan_id_fkey;

-- step 12: drop table billing.plans
--   lock: ACCESS EXCLUSIVE on billing.plans
--   hazards: DELETES_DATA
DROP TABLE billing.plans;

-- step 13: drop table billing.subscriptions
--   lock: ACCESS EXCLUSIVE on billing.subscriptions
--   hazards: DELETES_DATA
DROP TABLE billing.subscriptions;

-- step 14: drop enum billing.subscription_status
--   lock: none
DROP TYPE billing.subscription_status;

-- step 15: drop foreign key campaign_members_campaign_id_fkey of crm.campaign_members (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.campaign_members
ALTER TABLE crm.campaign_members DROP CONSTRAINT campaign_members_campaign_id_fkey;

-- step 16: drop foreign key campaign_members_contact_id_fkey of crm.campaign_members (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.campaign_members
ALTER TABLE crm.campaign_members DROP CONSTRAINT campaign_members_contact_id_fkey;

-- step 17: drop foreign key campaign_members_lead_id_fkey of crm.campaign_members (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.campaign_members
ALTER TABLE crm.campaign_members DROP CONSTRAINT campaign_members_lead_id_fkey;

-- step 18: drop table crm.campaign_members
--   lock: ACCESS EXCLUSIVE on crm.campaign_members
--   hazards: DELETES_DATA
DROP TABLE crm.campaign_members;

-- step 19: drop foreign key campaigns_business_id_fkey of crm.campaigns (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.campaigns
ALTER TABLE crm.campaigns DROP CONSTRAINT campaigns_business_id_fkey;

-- step 20: drop foreign key campaigns_caller_id_number_id_fkey of crm.campaigns (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.campaigns
ALTER TABLE crm.campaigns DROP CONSTRAINT campaigns_caller_id_number_id_fkey;

-- step 21: drop foreign key companies_business_id_fkey of crm.companies (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.companies
ALTER TABLE crm.companies DROP CONSTRAINT companies_business_id_fkey;

-- step 22: drop foreign key contacts_business_id_fkey of crm.contacts (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.contacts
ALTER TABLE crm.contacts DROP CONSTRAINT contacts_business_id_fkey;

-- step 23: drop foreign key contacts_company_id_fkey of crm.contacts (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.contacts
ALTER TABLE crm.contacts DROP CONSTRAINT contacts_company_id_fkey;

-- step 24: drop foreign key contacts_owner_user_id_fkey of crm.contacts (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.contacts
ALTER TABLE crm.contacts DROP CONSTRAINT contacts_owner_user_id_fkey;

-- step 25: drop foreign key deals_business_id_fkey of crm.deals (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.deals
ALTER TABLE crm.deals DROP CONSTRAINT deals_business_id_fkey;

-- step 26: drop foreign key deals_company_id_fkey of crm.deals (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.deals
ALTER TABLE crm.deals DROP CONSTRAINT deals_company_id_fkey;

-- step 27: drop table crm.companies
--   lock: ACCESS EXCLUSIVE on crm.companies
--   hazards: DELETES_DATA
DROP TABLE crm.companies;

-- step 28: drop foreign key deals_contact_id_fkey of crm.deals (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.deals
ALTER TABLE crm.deals DROP CONSTRAINT deals_contact_id_fkey;

-- step 29: drop foreign key deals_owner_user_id_fkey of crm.deals (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.deals
ALTER TABLE crm.deals DROP CONSTRAINT deals_owner_user_id_fkey;

-- step 30: drop foreign key deals_pipeline_id_fkey of crm.deals (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.deals
ALTER TABLE crm.deals DROP CONSTRAINT deals_pipeline_id_fkey;

-- step 31: drop foreign key deals_stage_id_fkey of crm.deals (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.deals
ALTER TABLE crm.deals DROP CONSTRAINT deals_stage_id_fkey;

-- step 32: drop foreign key lead_tags_lead_id_fkey of crm.lead_tags (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.lead_tags
ALTER TABLE crm.lead_tags DROP CONSTRAINT lead_tags_lead_id_fkey;

-- step 33: drop foreign key lead_tags_tag_id_fkey of crm.lead_tags (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.lead_tags
ALTER TABLE crm.lead_tags DROP CONSTRAINT lead_tags_tag_id_fkey;

-- step 34: drop table crm.lead_tags
--   lock: ACCESS EXCLUSIVE on crm.lead_tags
--   hazards: DELETES_DATA
DROP TABLE crm.lead_tags;

-- step 35: drop foreign key leads_business_id_fkey of crm.leads (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.leads
ALTER TABLE crm.leads DROP CONSTRAINT leads_business_id_fkey;

-- step 36: drop foreign key leads_converted_contact_id_fkey of crm.leads (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.leads
ALTER TABLE crm.leads DROP CONSTRAINT leads_converted_contact_id_fkey;

-- step 37: drop foreign key leads_owner_user_id_fkey of crm.leads (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.leads
ALTER TABLE crm.leads DROP CONSTRAINT leads_owner_user_id_fkey;

-- step 38: drop foreign key notes_author_id_fkey of crm.notes (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.notes
ALTER TABLE crm.notes DROP CONSTRAINT notes_author_id_fkey;

-- step 39: drop foreign key notes_business_id_fkey of crm.notes (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.notes
ALTER TABLE crm.notes DROP CONSTRAINT notes_business_id_fkey;

-- step 40: drop foreign key notes_contact_id_fkey of crm.notes (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.notes
ALTER TABLE crm.notes DROP CONSTRAINT notes_contact_id_fkey;

-- step 41: drop foreign key notes_deal_id_fkey of crm.notes (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.notes
ALTER TABLE crm.notes DROP CONSTRAINT notes_deal_id_fkey;

-- step 42: drop foreign key notes_lead_id_fkey of crm.notes (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.notes
ALTER TABLE crm.notes DROP CONSTRAINT notes_lead_id_fkey;

-- step 43: drop table crm.notes
--   lock: ACCESS EXCLUSIVE on crm.notes
--   hazards: DELETES_DATA
DROP TABLE crm.notes;

-- step 44: drop foreign key pipeline_stages_pipeline_id_fkey of crm.pipeline_stages (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.pipeline_stages
ALTER TABLE crm.pipeline_stages DROP CONSTRAINT pipeline_stages_pipeline_id_fkey;

-- step 45: drop foreign key pipelines_business_id_fkey of crm.pipelines (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.pipelines
ALTER TABLE crm.pipelines DROP CONSTRAINT pipelines_business_id_fkey;

-- step 46: drop foreign key tasks_assignee_fkey of crm.tasks (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.tasks
ALTER TABLE crm.tasks DROP CONSTRAINT tasks_assignee_fkey;

-- step 47: drop foreign key tasks_business_id_fkey of crm.tasks (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.tasks
ALTER TABLE crm.tasks DROP CONSTRAINT tasks_business_id_fkey;

-- step 48: drop foreign key tasks_contact_id_fkey of crm.tasks (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.tasks
ALTER TABLE crm.tasks DROP CONSTRAINT tasks_contact_id_fkey;

-- step 49: drop foreign key tasks_deal_id_fkey of crm.tasks (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.tasks
ALTER TABLE crm.tasks DROP CONSTRAINT tasks_deal_id_fkey;

-- step 50: drop foreign key tasks_lead_id_fkey of crm.tasks (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on crm.tasks
ALTER TABLE crm.tasks DROP CONSTRAINT tasks_lead_id_fkey;

-- step 51: drop foreign key api_keys_business_id_fkey of public.api_keys (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.api_keys
ALTER TABLE public.api_keys DROP CONSTRAINT api_keys_business_id_fkey;

-- step 52: drop foreign key api_keys_created_by_fkey of public.api_keys (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.api_keys
ALTER TABLE public.api_keys DROP CONSTRAINT api_keys_created_by_fkey;

-- step 53: drop table public.api_keys
--   lock: ACCESS EXCLUSIVE on public.api_keys
--   hazards: DELETES_DATA
DROP TABLE public.api_keys;

-- step 54: drop foreign key business_owner_user_id_fkey of public.business (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.business
ALTER TABLE public.business DROP CONSTRAINT business_owner_user_id_fkey;

-- step 55: drop foreign key tags_business_id_fkey of public.tags (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.tags
ALTER TABLE public.tags DROP CONSTRAINT tags_business_id_fkey;

-- step 56: drop table public.tags
--   lock: ACCESS EXCLUSIVE on public.tags
--   hazards: DELETES_DATA
DROP TABLE public.tags;

-- step 57: drop foreign key team_members_team_id_fkey of public.team_members (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.team_members
ALTER TABLE public.team_members DROP CONSTRAINT team_members_team_id_fkey;

-- step 58: drop foreign key team_members_user_id_fkey of public.team_members (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.team_members
ALTER TABLE public.team_members DROP CONSTRAINT team_members_user_id_fkey;

-- step 59: drop table public.team_members
--   lock: ACCESS EXCLUSIVE on public.team_members
--   hazards: DELETES_DATA
DROP TABLE public.team_members;

-- step 60: drop foreign key teams_business_id_fkey of public.teams (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.teams
ALTER TABLE public.teams DROP CONSTRAINT teams_business_id_fkey;

-- step 61: drop table public.teams
--   lock: ACCESS EXCLUSIVE on public.teams
--   hazards: DELETES_DATA
DROP TABLE public.teams;

-- step 62: drop foreign key users_business_id_fkey of public.users (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.users
ALTER TABLE public.users DROP CONSTRAINT users_business_id_fkey;

-- step 63: drop foreign key webhook_deliveries_webhook_id_fkey of public.webhook_deliveries (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.webhook_deliveries
ALTER TABLE public.webhook_deliveries DROP CONSTRAINT webhook_deliveries_webhook_id_fkey;

-- step 64: drop table public.webhook_deliveries
--   lock: ACCESS EXCLUSIVE on public.webhook_deliveries
--   hazards: DELETES_DATA
DROP TABLE public.webhook_deliveries;

-- step 65: drop foreign key webhooks_business_id_fkey of public.webhooks (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on public.webhooks
ALTER TABLE public.webhooks DROP CONSTRAINT webhooks_business_id_fkey;

-- step 66: drop table public.webhooks
--   lock: ACCESS EXCLUSIVE on public.webhooks
--   hazards: DELETES_DATA
DROP TABLE public.webhooks;

-- step 67: drop foreign key agent_presence_business_id_fkey of telephony.agent_presence (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.agent_presence
ALTER TABLE telephony.agent_presence DROP CONSTRAINT agent_presence_business_id_fkey;

-- step 68: drop foreign key agent_presence_user_id_fkey of telephony.agent_presence (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.agent_presence
ALTER TABLE telephony.agent_presence DROP CONSTRAINT agent_presence_user_id_fkey;

-- step 69: drop table telephony.agent_presence
--   lock: ACCESS EXCLUSIVE on telephony.agent_presence
--   hazards: DELETES_DATA
DROP TABLE telephony.agent_presence;

-- step 70: drop foreign key call_log_business_id_fkey of telephony.call_log (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.call_log
ALTER TABLE telephony.call_log DROP CONSTRAINT call_log_business_id_fkey;

-- step 71: drop foreign key call_log_campaign_id_fkey of telephony.call_log (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.call_log
ALTER TABLE telephony.call_log DROP CONSTRAINT call_log_campaign_id_fkey;

-- step 72: drop table crm.campaigns
--   lock: ACCESS EXCLUSIVE on crm.campaigns
--   hazards: DELETES_DATA
DROP TABLE crm.campaigns;

-- step 73: drop foreign key call_log_contact_id_fkey of telephony.call_log (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.call_log
ALTER TABLE telephony.call_log DROP CONSTRAINT call_log_contact_id_fkey;

-- step 74: drop table crm.contacts
--   lock: ACCESS EXCLUSIVE on crm.contacts
--   hazards: DELETES_DATA
DROP TABLE crm.contacts;

-- step 75: drop foreign key call_log_lead_id_fkey of telephony.call_log (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.call_log
ALTER TABLE telephony.call_log DROP CONSTRAINT call_log_lead_id_fkey;

-- step 76: drop foreign key call_log_phone_number_id_fkey of telephony.call_log (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.call_log
ALTER TABLE telephony.call_log DROP CONSTRAINT call_log_phone_number_id_fkey;

-- step 77: drop foreign key call_log_user_id_fkey of telephony.call_log (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.call_log
ALTER TABLE telephony.call_log DROP CONSTRAINT call_log_user_id_fkey;

-- step 78: drop foreign key call_recordings_call_fkey of telephony.call_recordings (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.call_recordings
ALTER TABLE telephony.call_recordings DROP CONSTRAINT call_recordings_call_fkey;

-- step 79: drop table telephony.call_recordings
--   lock: ACCESS EXCLUSIVE on telephony.call_recordings
--   hazards: DELETES_DATA
DROP TABLE telephony.call_recordings;

-- step 80: drop foreign key phone_numbers_assigned_user_id_fkey of telephony.phone_numbers (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.phone_numbers
ALTER TABLE telephony.phone_numbers DROP CONSTRAINT phone_numbers_assigned_user_id_fkey;

-- step 81: drop foreign key phone_numbers_business_id_fkey of telephony.phone_numbers (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.phone_numbers
ALTER TABLE telephony.phone_numbers DROP CONSTRAINT phone_numbers_business_id_fkey;

-- step 82: drop foreign key voicemails_call_fkey of telephony.voicemails (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.voicemails
ALTER TABLE telephony.voicemails DROP CONSTRAINT voicemails_call_fkey;

-- step 83: drop foreign key voicemails_phone_number_id_fkey of telephony.voicemails (both tables are dropped)
--   lock: ACCESS EXCLUSIVE on telephony.voicemails
ALTER TABLE telephony.voicemails DROP CONSTRAINT voicemails_phone_number_id_fkey;

-- step 84: drop table telephony.phone_numbers
--   lock: ACCESS EXCLUSIVE on telephony.phone_numbers
--   hazards: DELETES_DATA
DROP TABLE telephony.phone_numbers;

-- step 85: drop table telephony.voicemails
--   lock: ACCESS EXCLUSIVE on telephony.voicemails
--   hazards: DELETES_DATA
DROP TABLE telephony.voicemails;

-- step 86: drop view billing.invoice_balances
--   lock: ACCESS EXCLUSIVE on billing.invoice_balances
DROP VIEW billing.invoice_balances;

-- step 87: drop view crm.current_business_tasks
--   lock: ACCESS EXCLUSIVE on crm.current_business_tasks
DROP VIEW crm.current_business_tasks;

-- step 88: drop table crm.tasks
--   lock: ACCESS EXCLUSIVE on crm.tasks
--   hazards: DELETES_DATA
DROP TABLE crm.tasks;

-- step 89: drop view crm.lead_names
--   lock: ACCESS EXCLUSIVE on crm.lead_names
DROP VIEW crm.lead_names;

-- step 90: drop table crm.leads
--   lock: ACCESS EXCLUSIVE on crm.leads
--   hazards: DELETES_DATA
DROP TABLE crm.leads;

-- step 91: drop enum crm.lead_status
--   lock: none
DROP TYPE crm.lead_status;

-- step 92: drop table public.users
--   lock: ACCESS EXCLUSIVE on public.users
--   hazards: DELETES_DATA
DROP TABLE public.users;

-- step 93: drop enum public.user_role
--   lock: none
DROP TYPE public.user_role;

-- step 94: drop view crm.open_deals_by_stage
--   lock: ACCESS EXCLUSIVE on crm.open_deals_by_stage
DROP VIEW crm.open_deals_by_stage;

-- step 95: drop table crm.deals
--   lock: ACCESS EXCLUSIVE on crm.deals
--   hazards: DELETES_DATA
DROP TABLE crm.deals;

-- step 96: drop enum crm.deal_status
--   lock: none
DROP TYPE crm.deal_status;

-- step 97: drop table crm.pipeline_stages
--   lock: ACCESS EXCLUSIVE on crm.pipeline_stages
--   hazards: DELETES_DATA
DROP TABLE crm.pipeline_stages;

-- step 98: drop table crm.pipelines
--   lock: ACCESS EXCLUSIVE on crm.pipelines
--   hazards: DELETES_DATA
DROP TABLE crm.pipelines;

-- step 99: drop view telephony.call_stats_daily
--   lock: ACCESS EXCLUSIVE on telephony.call_stats_daily
DROP VIEW telephony.call_stats_daily;

-- step 100: drop table public.business
--   lock: ACCESS EXCLUSIVE on public.business
--   hazards: DELETES_DATA
DROP TABLE public.business;

-- step 101: drop type public.postal_address
--   lock: none
DROP TYPE public.postal_address;

-- step 102: drop materialized view telephony.daily_call_volume
--   lock: ACCESS EXCLUSIVE on telephony.daily_call_volume
--   hazards: DELETES_DATA
DROP MATERIALIZED VIEW telephony.daily_call_volume;

-- step 103: drop table telephony.call_log
--   lock: ACCESS EXCLUSIVE on telephony.call_log
--   hazards: DELETES_DATA
DROP TABLE telephony.call_log;

-- step 104: drop enum telephony.call_direction
--   lock: none
DROP TYPE telephony.call_direction;

-- step 105: drop enum telephony.call_outcome
--   lock: none
DROP TYPE telephony.call_outcome;

-- step 106: drop function billing.amount_due(bigint)
--   lock: none
DROP FUNCTION billing.amount_due(bigint);

-- step 107: drop table billing.invoices
--   lock: ACCESS EXCLUSIVE on billing.invoices
--   hazards: DELETES_DATA
DROP TABLE billing.invoices;

-- step 108: drop enum billing.invoice_status
--   lock: none
DROP TYPE billing.invoice_status;

-- step 109: drop table billing.payments
--   lock: ACCESS EXCLUSIVE on billing.payments
--   hazards: DELETES_DATA
DROP TABLE billing.payments;

-- step 110: drop domain billing.money_amount
--   lock: none
DROP DOMAIN billing.money_amount;

-- step 111: drop schema billing
--   lock: none
DROP SCHEMA billing;

-- step 112: drop function crm.convert_lead(bigint)
--   lock: none
--   hazards: UNTRACKABLE_DEPENDENCIES
DROP FUNCTION crm.convert_lead(bigint);

-- step 113: drop function crm.full_name(text, text)
--   lock: none
DROP FUNCTION crm.full_name(text, text);

-- step 114: drop function crm.track_stage_change()
--   lock: none
--   hazards: UNTRACKABLE_DEPENDENCIES
DROP FUNCTION crm.track_stage_change();

-- step 115: drop schema crm
--   lock: none
DROP SCHEMA crm;

-- step 116: drop function public.set_updated_at()
--   lock: none
--   hazards: UNTRACKABLE_DEPENDENCIES
DROP FUNCTION public.set_updated_at();

-- step 117: drop procedure telephony.close_stale_calls(interval)
--   lock: none
DROP PROCEDURE telephony.close_stale_calls(interval);

-- step 118: drop schema telephony
--   lock: none
DROP SCHEMA telephony;

-- step 119: drop extension citext
--   lock: none
DROP EXTENSION citext;
