import { compareApiVersions } from '../../../core/engines/docker-api/api-version.js';
import { urlOf } from '../route.js';
import type { Mutation } from '../types.js';

const MAX = '1.41';
const above = 'docker-api/protocol-versions.test.ts > API version prefix > a version above the maximum';

export const versionTooNewAccepted: Mutation = {
  name: 'version-too-new-accepted',
  description: `a version prefix above the maximum (/v99.0/…, /v2/…) is served as /v${MAX} (200) instead of 400`,
  expectFailing: [
    `${above} (/v99.0) > answers 400 naming the maximum`,
    `${above} (/v2) > answers 400 naming the maximum`,
  ],
  rewriteUrl: (req) =>
    req.version !== undefined && compareApiVersions(req.version, MAX) > 0
      ? urlOf({ ...req, version: MAX })
      : undefined,
};
