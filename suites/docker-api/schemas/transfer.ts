import { arr, int, nullable, obj, str, strArr } from './build.js';

/** swagger SystemAuthResponse (POST /auth): `Status` required, `IdentityToken` a string when sent. */
export const SystemAuthResponse = obj({ Status: str({ minLength: 1 }), IdentityToken: str() }, ['Status']);

/**
 * swagger DistributionInspectResponse: `Descriptor` and `Platforms` required. The swagger names the
 * descriptor and platform fields in capitals; dockerd 20.10 sends the OCI names (`digest`, `os`), which is
 * what this schema checks (listed in RELAXATIONS).
 */
export const DistributionInspectResponse = obj(
  {
    Descriptor: obj(
      {
        mediaType: str({ minLength: 1 }),
        digest: str({ pattern: '^sha256:[0-9a-f]{64}$' }),
        size: int({ minimum: 1 }),
        urls: nullable(strArr()),
      },
      ['mediaType', 'digest', 'size'],
    ),
    Platforms: arr(
      obj({ architecture: str(), os: str(), 'os.version': str(), 'os.features': strArr(), variant: str() }, [
        'architecture',
        'os',
      ]),
    ),
  },
  ['Descriptor', 'Platforms'],
);

/** swagger BuildPruneResponse: CachesDeleted (null when none) and SpaceReclaimed, both always sent. */
export const BuildPruneResponse = obj(
  { CachesDeleted: nullable(strArr()), SpaceReclaimed: int({ minimum: 0 }) },
  [],
  ['CachesDeleted', 'SpaceReclaimed'],
);
