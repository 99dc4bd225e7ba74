// Registers the service worker that keeps the app shell on the phone, so a reload without the appliance opens the app.
if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('service-worker.js', { updateViaCache: 'none' });
}
