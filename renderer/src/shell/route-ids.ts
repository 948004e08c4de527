/** Record ids in hash addresses (`#/tickets/<id>`): a parser accepts only what looks like one. */
const ID = /^[0-9a-f-]{36}$/;

export const isRecordId = (part: string | undefined): part is string => part !== undefined && ID.test(part);

/** The parser of a one-page feature (`#/dashboard`): a part after the segment is ignored, two are unknown. */
export const onePage =
  <R>(route: R) =>
  ([, extra]: readonly string[]): R | undefined =>
    extra === undefined ? route : undefined;
