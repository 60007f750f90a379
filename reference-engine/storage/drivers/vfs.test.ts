import { storageDriverSuite } from '../driver-suite.js';
import { VfsDriver } from './vfs.js';

storageDriverSuite('vfs', (root) => new VfsDriver(root), {
  skip: process.getuid?.() === 0 ? undefined : 'mounting snapshots needs root',
});
