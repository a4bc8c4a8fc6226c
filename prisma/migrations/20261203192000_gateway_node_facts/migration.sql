-- AlterTable
ALTER TABLE "gateway_nodes" ADD COLUMN     "address" TEXT,
ADD COLUMN     "pid" INTEGER,
ADD COLUMN     "proxy_urls" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "runtime" TEXT,
ADD COLUMN     "started_at" TIMESTAMPTZ(3),
ADD COLUMN     "workers" INTEGER;
