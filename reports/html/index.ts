export { benchHtml } from './bench/index.js';
export { writeBenchHtml } from './bench/write.js';
export { conformanceHtml } from './conformance/index.js';
export { htmlPage, type PageParts, section } from './page.js';
