-- A password someone else chose (the generated first admin password, an account an admin created, an admin
-- reset) should be replaced by its owner: the console asks until they do. Existing accounts are not flagged.
ALTER TABLE staff_users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
