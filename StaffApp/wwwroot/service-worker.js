// The service worker of a development build: it caches nothing, so a rebuilt app is seen at once.
// The published app uses service-worker.published.js, which keeps the app shell for offline reloads.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));
