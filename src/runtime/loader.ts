import { modelCardSchema, type ModelCard } from './modelCard';

export type ModelLoadErrorKind = 'missing' | 'corrupt' | 'network';

/** A model that could not be loaded; `kind` tells the UI which message and remedy to show. */
export class ModelLoadError extends Error {
  constructor(
    readonly kind: ModelLoadErrorKind,
    readonly model: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

export interface LoadProgress {
  loaded: number;
  total: number;
}

export interface LoadedModel {
  card: ModelCard;
  bytes: Uint8Array;
}

/** Lowercase hex SHA-256 of some bytes (Web Crypto; available in workers and Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function fetchOrFail(url: string, model: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new ModelLoadError('network', model, `Could not reach ${url}: ${String(e)}`);
  }
  if (!res.ok) {
    throw new ModelLoadError(
      res.status === 404 ? 'missing' : 'network',
      model,
      `${url} answered HTTP ${res.status}`,
    );
  }
  return res;
}

/** Reads a response body, reporting progress against `expected` bytes (from the card). */
async function readWithProgress(
  res: Response,
  expected: number,
  onProgress: (p: LoadProgress) => void,
): Promise<Uint8Array> {
  const total = expected;
  if (!res.body) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    onProgress({ loaded: bytes.byteLength, total: Math.max(total, bytes.byteLength) });
    return bytes;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    // More bytes than the card promises: stop downloading (the size check below reports it).
    if (loaded > expected) {
      await reader.cancel();
      break;
    }
    onProgress({ loaded, total: Math.max(total, loaded) });
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/**
 * Loads models/NAME.json and the .onnx it names from `baseUrl`, checking the card's schema,
 * the byte size and the SHA-256, so a truncated or tampered file never reaches a session.
 */
export async function loadModel(
  baseUrl: string,
  name: string,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<LoadedModel> {
  const cardUrl = new URL(`${name}.json`, baseUrl).href;
  const cardRes = await fetchOrFail(cardUrl, name);
  let card: ModelCard;
  try {
    card = modelCardSchema.parse(await cardRes.json());
  } catch (e) {
    throw new ModelLoadError(
      'corrupt',
      name,
      `The model card ${cardUrl} is not valid: ${String(e)}`,
    );
  }
  const fileUrl = new URL(card.file, baseUrl).href;
  if (new URL(fileUrl).origin !== new URL(baseUrl).origin) {
    throw new ModelLoadError(
      'corrupt',
      name,
      `The model card points outside this site (${fileUrl})`,
    );
  }
  const bytes = await readWithProgress(
    await fetchOrFail(fileUrl, name),
    card.sizeBytes,
    onProgress,
  );
  if (bytes.byteLength !== card.sizeBytes) {
    throw new ModelLoadError(
      'corrupt',
      name,
      `${card.file} has ${bytes.byteLength} bytes; its card says ${card.sizeBytes}`,
    );
  }
  const hash = await sha256Hex(bytes);
  if (hash !== card.sha256) {
    throw new ModelLoadError(
      'corrupt',
      name,
      `${card.file} does not match its card (sha256 ${hash.slice(0, 12)}…, expected ${card.sha256.slice(0, 12)}…)`,
    );
  }
  return { card, bytes };
}
