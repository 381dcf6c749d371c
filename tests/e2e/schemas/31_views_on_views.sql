-- Views stacked on views (a three-level chain plus a diamond), a view
-- calling a function, a view over a UNION ALL, and a recursive CTE view:
-- exercises dependency ordering.

CREATE TABLE public.employees (
    id integer NOT NULL,
    name text NOT NULL,
    manager_id integer,
    salary numeric(10,2) NOT NULL,
    dept text NOT NULL,
    CONSTRAINT employees_pkey PRIMARY KEY (id)
);

CREATE TABLE public.contractors (
    id integer NOT NULL,
    name text NOT NULL,
    dept text NOT NULL,
    CONSTRAINT contractors_pkey PRIMARY KEY (id)
);

CREATE FUNCTION public.annualize(monthly numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT monthly * 12 $$;

-- level 1
CREATE VIEW public.v_staff AS
 SELECT employees.id,
    employees.name,
    employees.dept,
    employees.salary
   FROM public.employees;

-- level 2 (two views on v_staff)
CREATE VIEW public.v_staff_annual AS
 SELECT v_staff.id,
    v_staff.name,
    v_staff.dept,
    public.annualize(v_staff.salary) AS annual_salary
   FROM public.v_staff;

CREATE VIEW public.v_dept_headcount AS
 SELECT v_staff.dept,
    count(*) AS headcount
   FROM public.v_staff
  GROUP BY v_staff.dept;

-- level 3 (diamond: reads both level-2 views)
CREATE VIEW public.v_dept_report AS
 SELECT h.dept,
    h.headcount,
    sum(a.annual_salary) AS payroll
   FROM (public.v_dept_headcount h
     JOIN public.v_staff_annual a ON ((a.dept = h.dept)))
  GROUP BY h.dept, h.headcount;

CREATE VIEW public.v_everyone AS
 SELECT employees.name,
    employees.dept,
    'employee'::text AS kind
   FROM public.employees
UNION ALL
 SELECT contractors.name,
    contractors.dept,
    'contractor'::text AS kind
   FROM public.contractors;

-- a recursive query, spelled as pg_get_viewdef prints it (CREATE RECURSIVE
-- VIEW is rewritten to this form; see 45_rewrites_views.sql)
CREATE VIEW public.v_chain_of_command AS
 WITH RECURSIVE chain(id, name, manager_id, depth) AS (
         SELECT employees.id,
            employees.name,
            employees.manager_id,
            1 AS depth
           FROM public.employees
          WHERE (employees.manager_id IS NULL)
        UNION ALL
         SELECT e.id,
            e.name,
            e.manager_id,
            (c.depth + 1)
           FROM (public.employees e
             JOIN chain c ON ((e.manager_id = c.id)))
        )
 SELECT chain.id,
    chain.name,
    chain.manager_id,
    chain.depth
   FROM chain;
