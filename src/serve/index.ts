// serve/: hookql as a PostgreSQL server (the wire protocol in front of the engine).
export { startServer, type RunningServer, type ServeOptions } from './start-server.js';
export { loadUsers, type Users } from './users.js';
