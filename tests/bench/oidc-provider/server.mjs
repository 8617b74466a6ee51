// The reference of the emulator's sustained row (tests/bench/run.sh): oidc-provider, the
// certified OpenID Provider for Node, issuing client credentials tokens to one client. It keeps
// its tokens in its in-memory adapter (an LRU of 1000 entries), as the emulator keeps a bounded
// store. Listens on 127.0.0.1:$PORT only; the client's id and secret come from the environment
// (BENCH_CLIENT_ID, BENCH_CLIENT_SECRET) and are never printed. Prints one JSON line when ready.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const clientId = process.env.BENCH_CLIENT_ID;
const clientSecret = process.env.BENCH_CLIENT_SECRET;
if (!port || !clientId || !clientSecret) {
  console.error('server.mjs: needs PORT, BENCH_CLIENT_ID and BENCH_CLIENT_SECRET');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_post', // the secret in the form body, as the emulator's row
  }],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false }, // no login pages: nothing here needs a person
  },
  scopes: ['api'],
  ttl: { ClientCredentials: 600 }, // set, so it does not warn; its store is an LRU either way
});
provider.on('server_error', (ctx, error) => console.error('server_error', error));

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ issuer, tokenEndpoint: `${issuer}/token`, pid: process.pid }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
