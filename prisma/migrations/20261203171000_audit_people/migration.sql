-- Writes outside the config (tenant members, admin tokens) are audited too: they make no config revision.
ALTER TABLE "audit_events" ALTER COLUMN "revision" DROP NOT NULL;
