export { type DelayProxy, type DelayProxyOptions, startDelayProxy } from './delay-proxy.js';
export { isContainerStart, type RequestMatcher, RequestScanner, type Segment } from './request-scanner.js';
