// The phone's own database: the outbox (commands not yet answered by the appliance, in the order queued) and named
// documents (the menu, the open orders), in IndexedDB. Every call resolves only after its transaction's `complete`,
// so what a call wrote is on the phone's disk when the app goes on. Used by IndexedDbClientStore (C#).
const dbName = 'pos-staff';
const outbox = 'outbox';
const documents = 'documents';
let opening = null;

function open() {
    opening ??= new Promise((resolve, reject) => {
        const request = indexedDB.open(dbName, 1);
        request.onupgradeneeded = () => {
            const db = request.result;
            // seq (auto-increment) keeps the order commands were queued in; commandId finds one to remove.
            const commands = db.createObjectStore(outbox, { keyPath: 'seq', autoIncrement: true });
            commands.createIndex('commandId', 'commandId', { unique: true });
            db.createObjectStore(documents);
        };
        request.onsuccess = () => {
            const db = request.result;
            // The browser may close the connection (a phone's app left in the background) or a newer version of the
            // app may need it: forget it, so the next call opens it again rather than failing until a reload.
            db.onclose = () => { opening = null; };
            db.onversionchange = () => { db.close(); opening = null; };
            resolve(db);
        };
        request.onerror = () => { opening = null; reject(request.error); };
    });
    return opening;
}

// Ask once that the browser keep this site's storage under pressure (best effort otherwise: an unsent outbox
// could be evicted). The answer changes nothing here; a browser that says no still keeps it while space allows.
navigator.storage?.persist?.().catch(() => {});

// Runs work(stores) in one transaction and resolves with its result once the transaction completed.
async function inTransaction(names, mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
        const tx = db.transaction(names, mode, { durability: 'strict' });
        let result;
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
        try {
            work(tx, value => { result = value; });
        } catch (error) {
            // Nothing of a call that failed is kept.
            tx.abort();
            reject(error);
        }
    });
}

export function append(commandIds, jsons) {
    return inTransaction([outbox], 'readwrite', tx => {
        const store = tx.objectStore(outbox);
        commandIds.forEach((id, i) => store.add({ commandId: id, json: jsons[i] }));
    });
}

export function remove(commandIds) {
    return inTransaction([outbox], 'readwrite', tx => {
        const byId = tx.objectStore(outbox).index('commandId');
        for (const id of commandIds) {
            const request = byId.getKey(id);
            request.onsuccess = () => {
                if (request.result !== undefined) {
                    tx.objectStore(outbox).delete(request.result);
                }
            };
        }
    });
}

export function load() {
    return inTransaction([outbox], 'readonly', (tx, done) => {
        const request = tx.objectStore(outbox).getAll();
        request.onsuccess = () => done(request.result.map(r => r.json));
    });
}

export function read(name) {
    return inTransaction([documents], 'readonly', (tx, done) => {
        const request = tx.objectStore(documents).get(name);
        request.onsuccess = () => done(request.result ?? null);
    });
}

export function write(name, json) {
    return inTransaction([documents], 'readwrite', tx => tx.objectStore(documents).put(json, name));
}

// Calls back into the app when the browser says the network is back, so the outbox is tried at once.
export function onOnline(dotnet) {
    window.addEventListener('online', () => dotnet.invokeMethodAsync('NetworkBack'));
}

// Resolves once the browser painted the next frame (or after a quarter second, for a page in the background, where
// frames are not drawn): work started after it never delays the screen the person is waiting for.
export function afterPaint() {
    return new Promise(resolve => {
        const timer = setTimeout(resolve, 250);
        requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
    });
}
