-- Files beyond images: an attachment is an image (re-encoded, with a thumbnail and its size in pixels) or a file
-- (PDF, text, CSV, ZIP, Office documents, stored as uploaded); every attachment keeps its uploaded name. A message
-- with at least one file is of the new type `file`.

-- Not used in this transaction (PostgreSQL 12+ allows adding an enum value inside one on that condition).
ALTER TYPE "MessageType" ADD VALUE 'file' BEFORE 'system';

CREATE TYPE "AttachmentKind" AS ENUM ('image', 'file');

ALTER TABLE "attachments"
  ADD COLUMN "kind" "AttachmentKind" NOT NULL DEFAULT 'image',
  ADD COLUMN "name" VARCHAR(255) NOT NULL DEFAULT '',
  ALTER COLUMN "mime" TYPE VARCHAR(128),
  ALTER COLUMN "width" DROP NOT NULL,
  ALTER COLUMN "height" DROP NOT NULL,
  ALTER COLUMN "thumbnail_key" DROP NOT NULL;

-- Images uploaded before names were kept get one from their type.
UPDATE "attachments" SET "name" = 'image.' || CASE "mime"
  WHEN 'image/jpeg' THEN 'jpg' WHEN 'image/png' THEN 'png' WHEN 'image/gif' THEN 'gif' ELSE 'webp' END;

-- Every new row says what it is and what it is called.
ALTER TABLE "attachments" ALTER COLUMN "kind" DROP DEFAULT, ALTER COLUMN "name" DROP DEFAULT;

-- What the presenter relies on: an image always has its pixel size and its thumbnail.
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_image_has_thumbnail"
  CHECK ("kind" = 'file' OR ("width" IS NOT NULL AND "height" IS NOT NULL AND "thumbnail_key" IS NOT NULL));
