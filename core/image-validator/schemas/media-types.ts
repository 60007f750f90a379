/** The empty JSON blob `{}` and its descriptor values. */
export const EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
export const EMPTY_SIZE = 2;

/** RFC 6838 section 4.2 restricted-name, for both type and subtype. */
const NAME = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
export const MEDIA_TYPE_PATTERN = `^${NAME}/${NAME}$`;
