import { STATUS_CODES } from 'node:http';
import { API_VERSION } from '../http/api-version.js';

export const RAW_STREAM_TYPE = 'application/vnd.docker.raw-stream';

/** The answer to `Upgrade: tcp` (dockerd's exact head); raw bytes follow. */
export const UPGRADED_HEAD = `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${RAW_STREAM_TYPE}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`;

/** The answer to the same POST without upgrade headers: 200, then raw bytes until the close. */
export const RAW_OK_HEAD = `HTTP/1.1 200 OK\r\nContent-Type: ${RAW_STREAM_TYPE}\r\n\r\n`;

/** A whole HTTP answer written on a socket that left Node's HTTP server (the connection closes after). */
export function httpAnswer(status: number, body?: { message: string }): string {
  const text = body === undefined ? '' : `${JSON.stringify(body)}\n`;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`,
    `Api-Version: ${API_VERSION}`,
    'Ostype: linux',
    'Connection: close',
    ...(body === undefined ? [] : ['Content-Type: application/json']),
    `Content-Length: ${Buffer.byteLength(text)}`,
  ];
  return `${head.join('\r\n')}\r\n\r\n${text}`;
}
