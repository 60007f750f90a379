export { xAxis, yAxis } from './axis.js';
export { attrs, el, esc, num } from './escape.js';
export { engineColor, STATUS_COLORS } from './palette.js';
export { type LinearScale, linearScale, niceStep } from './scale.js';
export { legend, line, marker, rect, svg, text, whisker } from './shapes.js';
