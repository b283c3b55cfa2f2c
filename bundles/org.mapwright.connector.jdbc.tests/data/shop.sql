-- A small shop used by the JDBC connector tests on H2 and PostgreSQL.
-- ${p} is replaced by a unique table prefix per test; statements end with ';' at the end of a line.
CREATE TABLE ${p}customers (
  id BIGINT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(200),
  vip BOOLEAN,
  born DATE,
  created TIMESTAMP,
  balance NUMERIC(12,2)
);
CREATE TABLE ${p}orders (
  order_id BIGINT NOT NULL,
  line_no INTEGER NOT NULL,
  customer_id BIGINT NOT NULL,
  amount NUMERIC(10,2),
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT ${p}orders_customer_fk FOREIGN KEY (customer_id) REFERENCES ${p}customers (id)
);
CREATE VIEW ${p}vip_customers AS SELECT id, name FROM ${p}customers WHERE vip = TRUE;
INSERT INTO ${p}customers VALUES (1, 'Ann', 'ann@example.org', TRUE, DATE '1980-02-29', TIMESTAMP '2024-01-02 03:04:05', 10.50);
INSERT INTO ${p}customers VALUES (2, 'Bob', NULL, FALSE, DATE '1975-12-31', TIMESTAMP '2024-03-04 05:06:07.25', -3.00);
INSERT INTO ${p}customers VALUES (3, 'Chloé', 'chloe@example.org', NULL, NULL, NULL, NULL);
INSERT INTO ${p}customers VALUES (4, 'Dan', 'dan@example.org', TRUE, DATE '2001-07-04', TIMESTAMP '2023-12-31 23:59:59', 1234567890.99);
INSERT INTO ${p}customers VALUES (5, 'Eve', 'eve@example.org', FALSE, DATE '1999-01-01', TIMESTAMP '2020-02-29 12:00:00', 0.01);
INSERT INTO ${p}orders VALUES (100, 1, 1, 9.99);
INSERT INTO ${p}orders VALUES (100, 2, 1, 20.00);
INSERT INTO ${p}orders VALUES (101, 1, 4, 5.50);
