import { WebSocket } from 'ws';

/**
 * Opens a websocket as a browser would (headers carry the session cookie and the Origin).
 * Compression is off because both servers turn it off; asking for it would only cost a round of
 * negotiation.
 */
export function openSocket(url: string, headers: Record<string, string>): WebSocket {
	return new WebSocket(url, { headers, perMessageDeflate: false });
}

/** A received frame as bytes, whatever shape `ws` delivered it in. */
export function frameBytes(data: WebSocket.RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Rejects when the handshake fails, with the HTTP status when the server refused the upgrade
 * (Tessera answers 401/403/404 before the handshake), and when the socket closes early.
 */
export function failureOf(socket: WebSocket): Promise<never> {
	return new Promise((_resolve, reject) => {
		socket.once('unexpected-response', (_request, response) => {
			reject(new Error(`upgrade refused: HTTP ${response.statusCode ?? '?'}`));
			socket.terminate();
		});
		socket.once('error', reject);
		socket.once('close', (code) => {
			reject(new Error(`socket closed (${code}) before it was synced`));
		});
	});
}
