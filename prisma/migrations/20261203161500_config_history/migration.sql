-- Config history: every row a config write changes is recorded before and after (to_jsonb), under the revision
-- the write bumped config_state to, so any kept revision can be diffed and rolled back to (src/history/).

-- CreateTable
CREATE TABLE "config_row_changes" (
    "seq" BIGSERIAL NOT NULL,
    "revision" INTEGER NOT NULL,
    "table_name" TEXT NOT NULL,
    "row_key" TEXT NOT NULL,
    "tenant_id" UUID,
    "old_row" JSONB,
    "new_row" JSONB,

    CONSTRAINT "config_row_changes_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "config_row_changes_revision_idx" ON "config_row_changes"("revision");

-- CreateIndex
CREATE INDEX "config_row_changes_tenant_id_revision_idx" ON "config_row_changes"("tenant_id", "revision");

-- AlterTable: revisions written before this migration have no row history (false); every later one has (true)
ALTER TABLE "config_revisions" ADD COLUMN "actor" TEXT,
ADD COLUMN "row_history" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "config_revisions" ALTER COLUMN "row_history" SET DEFAULT true;

-- The recorder. Every config write bumps config_state.revision first in its transaction (ConfigWriter), so the
-- row read here is the revision of that write. It runs for any writer of these tables (admin API, declarative
-- apply, rollback, a cascade of a foreign key), which is why it is a trigger and not code in each store.
CREATE FUNCTION aya_record_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  r jsonb := COALESCE(new_row, old_row);
  row_key text;
  tenant uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND old_row = new_row THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'consumer_group_members' THEN
    row_key := (r ->> 'consumer_id') || '/' || (r ->> 'group_id');
    -- a membership has no tenant column: the tenant of its consumer, or of its group when a consumer delete cascaded here
    tenant := COALESCE(
      (SELECT c.tenant_id FROM consumers c WHERE c.id = (r ->> 'consumer_id')::uuid),
      (SELECT g.tenant_id FROM consumer_groups g WHERE g.id = (r ->> 'group_id')::uuid));
  ELSE
    row_key := r ->> 'id';
    tenant := CASE WHEN TG_TABLE_NAME = 'tenants' THEN (r ->> 'id')::uuid ELSE (r ->> 'tenant_id')::uuid END;
  END IF;
  INSERT INTO config_row_changes (revision, table_name, row_key, tenant_id, old_row, new_row)
  VALUES (COALESCE((SELECT s.revision FROM config_state s WHERE s.id = 1), 0), TG_TABLE_NAME, row_key, tenant, old_row, new_row);
  RETURN NULL;
END
$$;

CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "tenants" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "upstreams" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "certificates" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "services" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "routes" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "consumers" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "consumer_groups" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "credentials" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "consumer_group_members" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
CREATE TRIGGER aya_history AFTER INSERT OR UPDATE OR DELETE ON "plugins" FOR EACH ROW EXECUTE FUNCTION aya_record_row_change();
