/**
 * What may be attached to a report submission: the formats a report is sent in (PDF, Excel and
 * Word files, scanned pages as PNG or JPEG), at most 10 MB. The declared content type, the file
 * name's extension and the file's first bytes must agree, so a renamed executable is refused.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

interface AttachmentType {
  extensions: readonly string[];
  /** The first bytes every file of the type starts with. */
  magic: readonly number[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentType>> = {
  'application/pdf': { extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['xlsx'], magic: ZIP },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['docx'], magic: ZIP },
  'image/png': { extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
};

export type AttachmentProblem = 'empty' | 'too_large' | 'type_not_allowed' | 'extension_mismatch' | 'content_mismatch';

/**
 * Why a file may not be attached, or null when it may.
 * @example attachmentProblem('bao-cao.pdf', 'application/pdf', Buffer.from('%PDF-1.7 …')) // null
 */
export function attachmentProblem(fileName: string, contentType: string, content: Uint8Array): AttachmentProblem | null {
  if (content.length === 0) return 'empty';
  if (content.length > MAX_ATTACHMENT_BYTES) return 'too_large';
  const type = ATTACHMENT_TYPES[contentType.split(';')[0]!.trim().toLowerCase()];
  if (!type) return 'type_not_allowed';
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!type.extensions.includes(extension)) return 'extension_mismatch';
  if (content.length < type.magic.length || type.magic.some((byte, i) => content[i] !== byte)) return 'content_mismatch';
  return null;
}

/** A file name safe to store and to send back in a header: the base name, NFC, without control or quote characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200);
}
