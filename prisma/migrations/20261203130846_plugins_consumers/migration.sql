-- CreateTable
CREATE TABLE "plugins" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "service_id" UUID,
    "route_id" UUID,
    "consumer_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plugins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consumers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "custom_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consumers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consumer_groups" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consumer_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consumer_group_members" (
    "consumer_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,

    CONSTRAINT "consumer_group_members_pkey" PRIMARY KEY ("consumer_id","group_id")
);

-- CreateTable
CREATE TABLE "credentials" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "consumer_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "key_hash" TEXT,
    "key_prefix" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "username" TEXT,
    "password_hash" TEXT,
    "jwt_key" TEXT,
    "algorithm" TEXT,
    "secret_encrypted" TEXT,
    "public_key" TEXT,
    "jwks_url" TEXT,
    "subject" TEXT,
    "fingerprint" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "plugins_service_id_idx" ON "plugins"("service_id");

-- CreateIndex
CREATE INDEX "plugins_route_id_idx" ON "plugins"("route_id");

-- CreateIndex
CREATE INDEX "plugins_consumer_id_idx" ON "plugins"("consumer_id");

-- CreateIndex
CREATE INDEX "plugins_created_at_id_idx" ON "plugins"("created_at", "id");

-- CreateIndex
-- NULLS NOT DISTINCT (Postgres 15+): an unset scope counts as one value, so a second global instance of a plugin
-- is a duplicate too (Prisma cannot say this in the schema, and its diff sees the same unique index)
CREATE UNIQUE INDEX "plugins_tenant_id_name_service_id_route_id_consumer_id_key" ON "plugins"("tenant_id", "name", "service_id", "route_id", "consumer_id") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "consumers_created_at_id_idx" ON "consumers"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "consumers_tenant_id_username_key" ON "consumers"("tenant_id", "username");

-- CreateIndex
CREATE UNIQUE INDEX "consumers_tenant_id_custom_id_key" ON "consumers"("tenant_id", "custom_id");

-- CreateIndex
CREATE INDEX "consumer_groups_created_at_id_idx" ON "consumer_groups"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "consumer_groups_tenant_id_name_key" ON "consumer_groups"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "consumer_group_members_group_id_idx" ON "consumer_group_members"("group_id");

-- CreateIndex
CREATE INDEX "credentials_consumer_id_created_at_id_idx" ON "credentials"("consumer_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "credentials_created_at_id_idx" ON "credentials"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_tenant_id_key_hash_key" ON "credentials"("tenant_id", "key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_tenant_id_username_key" ON "credentials"("tenant_id", "username");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_tenant_id_jwt_key_key" ON "credentials"("tenant_id", "jwt_key");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_tenant_id_fingerprint_key" ON "credentials"("tenant_id", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_tenant_id_subject_key" ON "credentials"("tenant_id", "subject");

-- AddForeignKey
ALTER TABLE "plugins" ADD CONSTRAINT "plugins_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plugins" ADD CONSTRAINT "plugins_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plugins" ADD CONSTRAINT "plugins_route_id_fkey" FOREIGN KEY ("route_id") REFERENCES "routes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plugins" ADD CONSTRAINT "plugins_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "consumers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consumers" ADD CONSTRAINT "consumers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consumer_groups" ADD CONSTRAINT "consumer_groups_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consumer_group_members" ADD CONSTRAINT "consumer_group_members_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "consumers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consumer_group_members" ADD CONSTRAINT "consumer_group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "consumer_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "consumers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
