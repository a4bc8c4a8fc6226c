-- The snapshot is stored as its canonical JSON text and served verbatim (jsonb reorders keys and costs a
-- re-serialisation on every pull). Existing rows keep their content as jsonb text: valid JSON, served through
-- the reader's general path (parsed and re-serialised), so gateways still verify them.
ALTER TABLE "config_revisions" ADD COLUMN "snapshot_text" TEXT;
UPDATE "config_revisions" SET "snapshot_text" = "snapshot"::text;
ALTER TABLE "config_revisions" ALTER COLUMN "snapshot_text" SET NOT NULL;
ALTER TABLE "config_revisions" DROP COLUMN "snapshot";
