-- Config deltas: gateways receive the items a revision changed instead of the whole snapshot.
-- Stored revisions hold the old whole-snapshot form and an old-style hash: they are dropped, and the
-- control plane rebuilds config_items and the new hash at its next start (config_state.hash = '').
DELETE FROM "config_revisions";

-- AlterTable
ALTER TABLE "config_revisions" DROP COLUMN "snapshot_text",
ADD COLUMN     "changes_text" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "config_state" ADD COLUMN     "digest" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "config_items" (
    "kind" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "digest" TEXT NOT NULL,

    CONSTRAINT "config_items_pkey" PRIMARY KEY ("kind","id")
);
