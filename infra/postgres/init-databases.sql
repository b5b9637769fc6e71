-- One database per service (each service runs its own migrations in it on start).
-- The postgres image runs this once, when its data volume is first initialised.
CREATE DATABASE simpul_catalog;
CREATE DATABASE simpul_orders;
CREATE DATABASE simpul_logistics;
CREATE DATABASE simpul_pricing;
