// Keeps the app shell (index.html, the styles, the icons and every _framework file) on the phone, so the app opens
// when the appliance cannot be reached. The list of files and their hashes comes from the build
// (service-worker-assets.js); a new build has a new version, so its files replace the old ones in one step.
// Nothing under /api/ or the appliance's own pages is ever cached: answers from the appliance are always live.
self.importScripts('./service-worker-assets.js');

const cachePrefix = 'staff-app-';
const cacheName = cachePrefix + self.assetsManifest.version;
const kept = [/\.html$/, /\.css$/, /\.js$/, /\.json$/, /\.wasm$/, /\.dat$/, /\.webmanifest$/, /\.png$/, /\.svg$/];
const neverKept = [/^service-worker\.js$/];
const live = /^\/(api|health|swagger|openapi|hangfire)(\/|$)/;

self.addEventListener('install', event => event.waitUntil(keepShell()));
self.addEventListener('activate', event => event.waitUntil(dropOldShells()));
self.addEventListener('fetch', event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== self.location.origin || live.test(url.pathname)) {
        return; // the network answers, or fails, as without a service worker
    }
    event.respondWith(fromShell(request));
});

async function keepShell() {
    const requests = self.assetsManifest.assets
        .filter(asset => kept.some(pattern => pattern.test(asset.url)))
        .filter(asset => !neverKept.some(pattern => pattern.test(asset.url)))
        .map(asset => new Request(asset.url, { integrity: asset.hash, cache: 'no-cache' }));
    const cache = await caches.open(cacheName);
    await cache.addAll(requests);
    await self.skipWaiting();
}

async function dropOldShells() {
    const names = await caches.keys();
    await Promise.all(names.filter(name => name.startsWith(cachePrefix) && name !== cacheName).map(name => caches.delete(name)));
    await self.clients.claim();
}

async function fromShell(request) {
    const cache = await caches.open(cacheName);
    // Every screen of the app is index.html: the app's router picks the screen from the address.
    const key = request.mode === 'navigate' ? 'index.html' : request;
    const cached = await cache.match(key);
    return cached ?? fetch(request);
}
