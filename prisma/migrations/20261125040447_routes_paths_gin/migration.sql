-- CreateIndex
CREATE INDEX "routes_paths_idx" ON "routes" USING GIN ("paths");
