// Run once by the mongodb-init Job (mongosh, authenticated as the root user on mongodb-0):
// initiates replica set rs0 with MONGODB_REPLICAS members, waits for a primary, and creates the
// application user (readWrite on MONGODB_DATABASE). Safe to run again.
const replicas = parseInt(process.env.MONGODB_REPLICAS || '1', 10);
const members = [];
for (let i = 0; i < replicas; i++) {
  // mongodb-0 is preferred as primary so that this script, connected to it, can create the user.
  members.push({ _id: i, host: `mongodb-${i}.mongodb-headless:27017`, priority: i === 0 ? 2 : 1 });
}
try {
  rs.status();
  print('replica set already initiated');
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') throw e;
  printjson(rs.initiate({ _id: 'rs0', members }));
}
for (let i = 0; i < 120 && !db.hello().isWritablePrimary; i++) sleep(1000);
if (!db.hello().isWritablePrimary) throw new Error('mongodb-0 did not become primary');

const appDb = db.getSiblingDB(process.env.MONGODB_DATABASE);
const user = process.env.MONGODB_APP_USERNAME;
if (appDb.getUser(user) === null) {
  appDb.createUser({ user, pwd: process.env.MONGODB_APP_PASSWORD, roles: [{ role: 'readWrite', db: appDb.getName() }] });
  print(`created user ${user}`);
} else {
  appDb.updateUser(user, { pwd: process.env.MONGODB_APP_PASSWORD });
  print(`user ${user} exists; password refreshed`);
}
