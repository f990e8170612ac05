import type { Params } from './params.js';

/** What the fake keeps of an uploaded file: enough to assert on, not the bytes. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  size: number;
}

/**
 * Parses multipart/form-data as telegraf sends it for uploads: text fields become strings
 * (nested objects arrive JSON-encoded), files become `UploadedFile`. The body is split in
 * latin1 so byte offsets survive, then text fields are decoded as UTF-8.
 */
export function parseMultipart(body: Buffer, contentType: string): Params {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  const params: Params = {};
  if (!marker) return params;
  const raw = body.toString('latin1');
  for (const part of raw.split(`--${marker}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const headers = part.slice(0, headerEnd);
    const content = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) continue;
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    if (filename === undefined) {
      params[name] = Buffer.from(content, 'latin1').toString('utf8');
    } else {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      const file: UploadedFile = { filename, contentType: type.trim(), size: Buffer.byteLength(content, 'latin1') };
      params[name] = file;
    }
  }
  return params;
}
