/**
 * Follows the browser's own idea of the network: when it says the network is gone, stop syncing
 * at once — a socket over a dead link can take half a minute to notice — and resume when it is
 * back. Returns the unsubscribe. Outside a browser it does nothing.
 */
export function followBrowserNetwork(onOffline: () => void, onOnline: () => void): () => void {
	if (typeof window === 'undefined') return () => undefined;
	window.addEventListener('offline', onOffline);
	window.addEventListener('online', onOnline);
	return () => {
		window.removeEventListener('offline', onOffline);
		window.removeEventListener('online', onOnline);
	};
}
