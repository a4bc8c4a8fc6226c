-- Audit rows name how the actor authenticated (session, token, env), its id and name, the client address and
-- the resource's name. created_at is taken after the config lock (clock_timestamp), so time order is commit order.

-- DropIndex
DROP INDEX "audit_events_created_at_idx";

-- DropIndex
DROP INDEX "audit_events_tenant_id_created_at_idx";

-- AlterTable: the old "actor" (a username, or 'admin-token' for AYA_ADMIN_TOKEN) becomes actor_name
ALTER TABLE "audit_events" RENAME COLUMN "actor" TO "actor_name";
ALTER TABLE "audit_events" ADD COLUMN     "actor_id" TEXT,
ADD COLUMN     "actor_kind" TEXT,
ADD COLUMN     "address" TEXT,
ADD COLUMN     "resource_name" TEXT,
ALTER COLUMN "created_at" SET DEFAULT clock_timestamp();

-- Backfill: older rows knew only the username
UPDATE "audit_events" e SET
  "actor_kind" = CASE WHEN e."actor_name" = 'admin-token' THEN 'env' ELSE 'session' END,
  "actor_id" = COALESCE((SELECT u."id"::text FROM "users" u WHERE u."username" = e."actor_name"), e."actor_name");

ALTER TABLE "audit_events" ALTER COLUMN "actor_id" SET NOT NULL,
ALTER COLUMN "actor_kind" SET NOT NULL;

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_created_at_id_idx" ON "audit_events"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_created_at_id_idx" ON "audit_events"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_resource_type_resource_id_created_at_idx" ON "audit_events"("tenant_id", "resource_type", "resource_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_actor_name_created_at_idx" ON "audit_events"("tenant_id", "actor_name", "created_at" DESC);
