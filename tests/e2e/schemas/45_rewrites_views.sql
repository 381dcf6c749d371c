-- pgkeel-test: server-rewrites
-- rewrite: unqualified view columns are printed qualified by their range variable (id -> products.id) and tables schema-qualified (products -> public.products)
-- rewrite: SELECT * in expensive_products is expanded to the explicit column list at creation time
-- rewrite: the view header column list of product_labels is folded into AS aliases (p.name AS product_name)
-- rewrite: unnamed aggregate output gets an alias (count(*) AS count); GROUP BY 1 / ORDER BY 2 become the expressions (GROUP BY products.category, ORDER BY (count(*)) DESC)
-- rewrite: BETWEEN becomes (x >= lo) AND (x <= hi); IN (...) becomes = ANY (ARRAY[...]); integer literals compared with numeric get (0)::numeric casts
-- rewrite: LIKE / ILIKE become ~~ / ~~*; string literals get ::text; price::int becomes (products.price)::integer; CAST(id AS bigint) becomes (products.id)::bigint
-- rewrite: CREATE RECURSIVE VIEW countdown (n) becomes a plain view over WITH RECURSIVE countdown(n) AS (...), with the inner self reference aliased countdown_1 and SELECT 10 printed as 10 AS "?column?"
-- rewrite: WITH CHECK OPTION is printed as WITH CASCADED CHECK OPTION (stored as reloption check_option=cascaded)
-- rewrite: inline PRIMARY KEY gets the name products_pkey / categories_pkey
-- Views written the way a developer types them; pg_get_viewdef prints
-- every one of them differently.

CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL,
    price numeric(10,2) NOT NULL,
    category text,
    discontinued boolean DEFAULT false
);

CREATE TABLE categories (
    name text PRIMARY KEY,
    label text
);

CREATE VIEW product_list AS
    SELECT id, name, price FROM products WHERE NOT discontinued;

CREATE VIEW expensive_products AS
    SELECT * FROM products WHERE price > 100;

CREATE VIEW product_labels (product_name, category_label) AS
    SELECT p.name, c.label
    FROM products p JOIN categories c ON c.name = p.category;

CREATE VIEW category_stats AS
    SELECT category, count(*), avg(price)::numeric(10,2) AS avg_price
    FROM products
    GROUP BY 1
    ORDER BY 2 DESC;

CREATE VIEW cheap_or_uncategorised AS
    SELECT id, name FROM products WHERE price BETWEEN 0 AND 10 OR category IN ('misc', 'other') OR category IS NULL;

CREATE RECURSIVE VIEW countdown (n) AS
    SELECT 10
    UNION ALL
    SELECT n - 1 FROM countdown WHERE n > 1;

CREATE VIEW names_upper AS
    SELECT upper(name) AS name, price::int AS whole_price, CAST(id AS bigint) AS big_id
    FROM products
    WHERE name LIKE 'A%' AND name ILIKE '%x%' AND NOT (category = 'misc');

CREATE VIEW checked_products AS
    SELECT id, name, price FROM products WHERE price > 0
    WITH CHECK OPTION;
