import { join } from 'node:path';
import { ImageStore } from '../../images/image-store.js';
import { type DriverName, openDriver } from '../../storage/drivers/open-driver.js';
import type { StorageDriver } from '../../storage/types.js';

/** Global options every command gets. */
export interface GlobalArgs {
  root: string;
  driver: DriverName;
}

/** Where shipctl's state lives under --root: images/ (ImageStore) and snapshots/<driver>/ (StorageDriver). */
export const imagesRoot = (root: string) => join(root, 'images');
export const driverRoot = (root: string, driver: DriverName) => join(root, 'snapshots', driver);

export const openImages = (args: GlobalArgs): Promise<ImageStore> => ImageStore.open(imagesRoot(args.root));

export const openStorage = (args: GlobalArgs): StorageDriver =>
  openDriver(args.driver, driverRoot(args.root, args.driver));

/** The streams a command writes to (process streams in main.ts, buffers in tests). */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Print one line. */
export const say = (io: Io, text: string): void => {
  io.stdout.write(`${text}\n`);
};
