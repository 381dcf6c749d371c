-- FOREIGN KEY constraints: MATCH FULL / MATCH SIMPLE, every ON DELETE action
-- (CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION), ON UPDATE CASCADE,
-- DEFERRABLE INITIALLY DEFERRED / IMMEDIATE, PG15 column lists for
-- ON DELETE SET NULL (col), a self reference, a reference to a UNIQUE
-- constraint instead of the PK, and a reference cycle between two tables.

CREATE TABLE public.countries (
    code character(2) NOT NULL,
    name text NOT NULL,
    CONSTRAINT countries_pkey PRIMARY KEY (code)
);

CREATE TABLE public.companies (
    id integer NOT NULL,
    country_code character(2) DEFAULT 'US'::bpchar NOT NULL,
    registry_no text NOT NULL,
    parent_id integer,
    CONSTRAINT companies_pkey PRIMARY KEY (id),
    CONSTRAINT companies_country_registry_key UNIQUE (country_code, registry_no),
    CONSTRAINT companies_country_code_fkey FOREIGN KEY (country_code) REFERENCES public.countries(code) ON UPDATE CASCADE ON DELETE SET DEFAULT,
    CONSTRAINT companies_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.companies(id) ON DELETE SET NULL
);

CREATE TABLE public.employees (
    id integer NOT NULL,
    company_id integer NOT NULL,
    manager_id integer,
    country_code character(2),
    registry_no text,
    CONSTRAINT employees_pkey PRIMARY KEY (id),
    CONSTRAINT employees_company_id_fkey FOREIGN KEY (company_id) REFERENCES public.companies(id) ON DELETE CASCADE,
    CONSTRAINT employees_manager_id_fkey FOREIGN KEY (manager_id) REFERENCES public.employees(id) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT employees_registry_fkey FOREIGN KEY (country_code, registry_no) REFERENCES public.companies(country_code, registry_no) MATCH FULL ON UPDATE CASCADE
);

CREATE TABLE public.assignments (
    tenant_id integer NOT NULL,
    employee_id integer,
    company_id integer,
    note text,
    CONSTRAINT assignments_employee_id_fkey FOREIGN KEY (employee_id) REFERENCES public.employees(id) ON UPDATE RESTRICT ON DELETE NO ACTION DEFERRABLE,
    CONSTRAINT assignments_company_id_fkey FOREIGN KEY (company_id) REFERENCES public.companies(id) ON DELETE SET NULL (company_id)
);

-- a reference cycle: each table points at the other, so at least one FK has
-- to be added after both tables exist
CREATE TABLE public.departments (
    id integer NOT NULL,
    head_employee_id integer,
    CONSTRAINT departments_pkey PRIMARY KEY (id)
);

CREATE TABLE public.staff (
    id integer NOT NULL,
    department_id integer NOT NULL,
    CONSTRAINT staff_pkey PRIMARY KEY (id),
    CONSTRAINT staff_department_id_fkey FOREIGN KEY (department_id) REFERENCES public.departments(id) DEFERRABLE INITIALLY DEFERRED
);

ALTER TABLE ONLY public.departments
    ADD CONSTRAINT departments_head_employee_id_fkey FOREIGN KEY (head_employee_id) REFERENCES public.staff(id) DEFERRABLE INITIALLY DEFERRED;
