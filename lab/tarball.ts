import { pack, extract } from 'tar-stream';

export interface TarFile {
  name: string;
  content: Buffer | string;
  mode?: number;
}

/** A tar archive of files owned by the Lab user, for Docker's archive API. */
export async function tarOf(files: TarFile[], uid = 1000, gid = 1000): Promise<Buffer> {
  const p = pack();
  for (const f of files) {
    p.entry({ name: f.name, mode: f.mode ?? 0o644, uid, gid }, f.content);
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * Runs `read` over the stream, then ends the stream whether or not it was read to its end:
 * Docker holds a container's lock until the archive it sends is consumed or closed, so one
 * left open (a report over the limit, a first file found) stops every later call on it.
 */
async function drained<T>(stream: NodeJS.ReadableStream, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } finally {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}

/** The content of the first regular file in a tar stream (Docker's getArchive of one file). */
export async function firstFileOf(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  return drained(stream, () => firstFile(stream, maxBytes));
}

async function firstFile(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const ex = extract();
  stream.pipe(ex);
  for await (const entry of ex) {
    if (entry.header.type !== 'file') {
      entry.resume();
      continue;
    }
    if ((entry.header.size ?? 0) > maxBytes) {
      throw new Error(`file ${entry.header.name} is ${entry.header.size} bytes, over the ${maxBytes}-byte limit`);
    }
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    ex.destroy();
    return Buffer.concat(chunks);
  }
  throw new Error('the archive holds no file');
}

/** Every regular file of a tar stream, by its path below the archive's top folder; at most maxBytes in all. */
export async function filesOf(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Record<string, Buffer>> {
  return drained(stream, () => allFiles(stream, maxBytes));
}

async function allFiles(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Record<string, Buffer>> {
  const ex = extract();
  stream.pipe(ex);
  const out: Record<string, Buffer> = {};
  let total = 0;
  for await (const entry of ex) {
    if (entry.header.type !== 'file') {
      entry.resume();
      continue;
    }
    total += entry.header.size ?? 0;
    if (total > maxBytes) {
      ex.destroy();
      throw new Error(`the files under ${entry.header.name.split('/')[0]} exceed the ${maxBytes}-byte limit`);
    }
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    // Docker names entries after the folder asked for: "loom-report-x/node-1.jsonl".
    out[entry.header.name.split('/').slice(1).join('/')] = Buffer.concat(chunks);
  }
  return out;
}
