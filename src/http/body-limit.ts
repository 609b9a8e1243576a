/** Bodies above this are refused with 413; a large criteria setup form stays far below it. */
export const BODY_LIMIT = 256 * 1024
