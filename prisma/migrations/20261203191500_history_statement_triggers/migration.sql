-- Config history, recorded per statement instead of per row: one INSERT into config_row_changes for all the rows a
-- statement wrote (transition tables), so a bulk write (a declarative apply of 10,000 routes: one INSERT, UPDATE or
-- DELETE) records its history in one statement instead of 10,000 trigger calls. The rows recorded are the same as
-- before (migration config_history): the revision of the write, table, key, tenant, the row before and after as
-- to_jsonb, nothing for an UPDATE that changed nothing.

-- the row's key: its id, or for a membership `<consumer_id>/<group_id>`
CREATE FUNCTION aya_history_key(tbl text, r jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN tbl = 'consumer_group_members' THEN (r ->> 'consumer_id') || '/' || (r ->> 'group_id') ELSE r ->> 'id' END
$$;

-- the row's tenant; a membership has no tenant column: its consumer's, or its group's when a consumer delete cascaded here
CREATE FUNCTION aya_history_tenant(tbl text, r jsonb) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE tbl
    WHEN 'tenants' THEN (r ->> 'id')::uuid
    WHEN 'consumer_group_members' THEN COALESCE(
      (SELECT c.tenant_id FROM consumers c WHERE c.id = (r ->> 'consumer_id')::uuid),
      (SELECT g.tenant_id FROM consumer_groups g WHERE g.id = (r ->> 'group_id')::uuid))
    ELSE (r ->> 'tenant_id')::uuid
  END
$$;

DROP TRIGGER aya_history ON "tenants";
DROP TRIGGER aya_history ON "upstreams";
DROP TRIGGER aya_history ON "certificates";
DROP TRIGGER aya_history ON "services";
DROP TRIGGER aya_history ON "routes";
DROP TRIGGER aya_history ON "consumers";
DROP TRIGGER aya_history ON "consumer_groups";
DROP TRIGGER aya_history ON "credentials";
DROP TRIGGER aya_history ON "consumer_group_members";
DROP TRIGGER aya_history ON "plugins";

-- Every config write bumps config_state.revision first in its transaction (ConfigWriter), so the row read here is the
-- revision of that write. Each trigger below runs only its own branch (an INSERT trigger has no aya_old).
CREATE OR REPLACE FUNCTION aya_record_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rev integer := COALESCE((SELECT s.revision FROM config_state s WHERE s.id = 1), 0);
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO config_row_changes (revision, table_name, row_key, tenant_id, old_row, new_row)
    SELECT rev, TG_TABLE_NAME, aya_history_key(TG_TABLE_NAME, x.j), aya_history_tenant(TG_TABLE_NAME, x.j), NULL, x.j
    FROM (SELECT to_jsonb(t) AS j FROM aya_new t) x;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO config_row_changes (revision, table_name, row_key, tenant_id, old_row, new_row)
    SELECT rev, TG_TABLE_NAME, aya_history_key(TG_TABLE_NAME, x.j), aya_history_tenant(TG_TABLE_NAME, x.j), x.j, NULL
    FROM (SELECT to_jsonb(t) AS j FROM aya_old t) x;
  ELSE
    -- old and new rows paired by key; a row the UPDATE left as it was is not recorded
    INSERT INTO config_row_changes (revision, table_name, row_key, tenant_id, old_row, new_row)
    SELECT rev, TG_TABLE_NAME, COALESCE(n.k, o.k), aya_history_tenant(TG_TABLE_NAME, COALESCE(n.j, o.j)), o.j, n.j
    FROM (SELECT aya_history_key(TG_TABLE_NAME, to_jsonb(t)) AS k, to_jsonb(t) AS j FROM aya_old t) o
    FULL JOIN (SELECT aya_history_key(TG_TABLE_NAME, to_jsonb(t)) AS k, to_jsonb(t) AS j FROM aya_new t) n ON n.k = o.k
    WHERE o.j IS DISTINCT FROM n.j;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER aya_history_insert AFTER INSERT ON "tenants" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "tenants" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "tenants" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "upstreams" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "upstreams" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "upstreams" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "certificates" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "certificates" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "certificates" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "services" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "services" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "services" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "routes" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "routes" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "routes" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "consumers" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "consumers" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "consumers" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "consumer_groups" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "consumer_groups" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "consumer_groups" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "credentials" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "credentials" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "credentials" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "consumer_group_members" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "consumer_group_members" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "consumer_group_members" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_insert AFTER INSERT ON "plugins" REFERENCING NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_update AFTER UPDATE ON "plugins" REFERENCING OLD TABLE AS aya_old NEW TABLE AS aya_new FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history_delete AFTER DELETE ON "plugins" REFERENCING OLD TABLE AS aya_old FOR EACH STATEMENT EXECUTE FUNCTION aya_record_row_change();
