-- CreateTable
CREATE TABLE "target_health_samples" (
    "upstream_id" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "state" TEXT NOT NULL,
    "latency_ms" DOUBLE PRECISION,

    CONSTRAINT "target_health_samples_pkey" PRIMARY KEY ("upstream_id","target","node_id","at")
);

-- CreateIndex
CREATE INDEX "target_health_samples_at_idx" ON "target_health_samples"("at");
