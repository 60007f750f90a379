/** The stream a frame of the multiplexed (non-TTY) stream carries; 3 is moby's in-stream error. */
export const STREAM_ID = { stdin: 0, stdout: 1, stderr: 2, systemError: 3 } as const;
export type StreamName = keyof typeof STREAM_ID;
/** Container output: what the log and the exec pipes carry. */
export type OutputStream = 'stdout' | 'stderr';

export const FRAME_HEADER = 8;
/** Payloads above this are cut into several frames (the length field is 32 bits). */
const MAX_PAYLOAD = 0xffff_ffff;

/**
 * One frame of Docker's multiplexed stream (stdcopy): `[stream, 0, 0, 0, size (uint32 big-endian)]`
 * then the payload. A payload longer than 4 GiB - 1 becomes several frames.
 */
export function muxFrame(stream: StreamName, data: Buffer): Buffer {
  if (data.length > MAX_PAYLOAD) {
    const parts: Buffer[] = [];
    for (let at = 0; at < data.length; at += MAX_PAYLOAD)
      parts.push(muxFrame(stream, data.subarray(at, at + MAX_PAYLOAD)));
    return Buffer.concat(parts);
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER + data.length);
  frame.writeUInt32BE(0, 0);
  frame[0] = STREAM_ID[stream];
  frame.writeUInt32BE(data.length, 4);
  data.copy(frame, FRAME_HEADER);
  return frame;
}
