// Browser state of the photos on the "sell" form: picked files are shrunk and uploaded one at a
// time (one decoded photo in memory at once, one upload sharing a thin link), each with its own
// progress; a failed upload retries by itself twice, then waits for the person's "Try again".
// The form itself is never touched, so nothing typed is lost.
import type { MessageKey } from '$lib/i18n/index.ts';
import { preparePhoto } from './downsize.ts';
import { type PhotoRef, refOf } from './photo-ref.ts';
import { uploadPhoto } from './upload.ts';

export type PhotoStatus = 'waiting' | 'preparing' | 'uploading' | 'retrying' | 'done' | 'failed';

/** Pauses before the automatic retries of a failed upload. */
export const RETRY_DELAYS_MS = [1_500, 4_000] as const;

let nextKey = 0;

export class PhotoItem {
  readonly key = `photo-${++nextKey}`;
  status = $state<PhotoStatus>('waiting');
  /** 0..1 of the bytes sent. */
  progress = $state(0);
  /** What the thumbnail shows: a blob: URL of the shrunk photo, or the stored variant. */
  previewUrl = $state<string | null>(null);
  placeholder = $state<string | null>(null);
  ref = $state<PhotoRef | null>(null);
  message = $state<MessageKey | null>(null);
  /** Seconds until the next automatic try, while `retrying`. */
  retryIn = $state(0);
  readonly name: string;
  file: File | null;
  prepared: Blob | null = null;

  constructor(source: { file: File } | { ref: PhotoRef }) {
    if ('file' in source) {
      this.file = source.file;
      this.name = source.file.name || 'photo.jpg';
    } else {
      this.file = null;
      this.name = source.ref.mediaId;
      this.ref = source.ref;
      this.previewUrl = source.ref.src;
      this.placeholder = source.ref.placeholder;
      this.status = 'done';
      this.progress = 1;
    }
  }
}

export class PhotoQueue {
  items = $state<PhotoItem[]>([]);
  readonly max: number;
  #running = false;
  #destroyed = false;
  #controller = new AbortController();
  #objectUrls = new Set<string>();

  constructor(initial: readonly PhotoRef[], max: number) {
    this.max = max;
    this.items = initial.slice(0, max).map((ref) => new PhotoItem({ ref }));
  }

  get remaining(): number {
    return this.max - this.items.length;
  }

  /** Uploads still running or waiting their turn. */
  get pendingCount(): number {
    return this.items.filter((i) => i.status !== 'done' && i.status !== 'failed').length;
  }

  get failedCount(): number {
    return this.items.filter((i) => i.status === 'failed').length;
  }

  /** Adds picked files (up to the limit) and starts uploading; returns how many did not fit. */
  add(files: Iterable<File>): number {
    const list = [...files];
    const fitting = list.slice(0, Math.max(0, this.remaining));
    this.items.push(...fitting.map((file) => new PhotoItem({ file })));
    void this.#pump();
    return list.length - fitting.length;
  }

  remove(key: string): void {
    const item = this.items.find((i) => i.key === key);
    if (!item) return;
    this.items = this.items.filter((i) => i !== item);
    if (item.previewUrl && this.#objectUrls.delete(item.previewUrl)) URL.revokeObjectURL(item.previewUrl);
  }

  /** Moves a photo one place left (-1) or right (+1); the first one is the cover. */
  move(key: string, by: -1 | 1): void {
    const from = this.items.findIndex((i) => i.key === key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= this.items.length) return;
    const next = [...this.items];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    this.items = next;
  }

  /** The person's "Try again" after the automatic retries gave up. */
  retry(key: string): void {
    const item = this.items.find((i) => i.key === key);
    if (item?.status !== 'failed') return;
    item.status = 'waiting';
    item.message = null;
    item.progress = 0;
    void this.#pump();
  }

  destroy(): void {
    this.#destroyed = true;
    this.#controller.abort();
    for (const url of this.#objectUrls) URL.revokeObjectURL(url);
    this.#objectUrls.clear();
  }

  async #pump(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (;;) {
        if (this.#destroyed) return;
        const item = this.items.find((i) => i.status === 'waiting');
        if (!item) return;
        await this.#process(item);
      }
    } finally {
      this.#running = false;
    }
  }

  async #process(item: PhotoItem): Promise<void> {
    if (!item.prepared && item.file) {
      item.status = 'preparing';
      try {
        const prepared = await preparePhoto(item.file);
        item.prepared = prepared.blob;
      } catch {
        // Drawing failed (out of memory on a big photo): the original still has a chance.
        item.prepared = item.file;
      }
      item.file = null;
      const url = URL.createObjectURL(item.prepared);
      this.#objectUrls.add(url);
      item.previewUrl = url;
    }
    const blob = item.prepared;
    if (!blob) return;
    for (let attempt = 0; ; attempt++) {
      if (this.#destroyed || !this.items.includes(item)) return;
      item.status = 'uploading';
      item.progress = 0;
      const outcome = await uploadPhoto(
        blob,
        uploadName(item.name, blob),
        (fraction) => {
          item.progress = fraction;
        },
        this.#controller.signal,
      );
      if (outcome.ok) {
        item.ref = refOf(outcome.media);
        item.placeholder = item.ref.placeholder;
        item.progress = 1;
        item.status = 'done';
        item.message = null;
        item.prepared = null;
        return;
      }
      const delay = RETRY_DELAYS_MS[attempt];
      if (!outcome.isTransient || delay === undefined) {
        item.status = 'failed';
        item.message = outcome.message;
        return;
      }
      item.status = 'retrying';
      item.message = outcome.message;
      await this.#countdown(item, delay);
    }
  }

  async #countdown(item: PhotoItem, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.#destroyed && Date.now() < until) {
      item.retryIn = Math.ceil((until - Date.now()) / 1000);
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, until - Date.now())));
    }
    item.retryIn = 0;
  }
}

/** A shrunk photo is a JPEG whatever it was called; the server reads the format from the bytes anyway. */
function uploadName(name: string, blob: Blob): string {
  if (blob.type !== 'image/jpeg') return name;
  return `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;
}
