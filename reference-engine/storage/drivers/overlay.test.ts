import { storageDriverSuite } from '../driver-suite.js';
import { OverlayDriver } from './overlay.js';

storageDriverSuite('overlay', (root) => new OverlayDriver(root), {
  skip: process.getuid?.() === 0 ? undefined : 'overlay mounts need root',
});
