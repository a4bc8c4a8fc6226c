-- AlterTable
ALTER TABLE "gateway_nodes" ADD COLUMN     "health" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "routes" ADD COLUMN     "options" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "options" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "upstreams" ADD COLUMN     "options" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "certificates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "snis" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cert" TEXT NOT NULL,
    "key_encrypted" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "certificates_tenant_id_created_at_id_idx" ON "certificates"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "certificates_created_at_id_idx" ON "certificates"("created_at", "id");

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
