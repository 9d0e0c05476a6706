// A Node app with a real npm dependency (ms, installed from the registry at test time into node_modules).
const http = require('http');
const ms = require('ms');
const version = process.env.APP_VERSION || '?';
http.createServer((req, res) => {
  res.writeHead(200, {'Content-Type': 'application/json'});
  res.end(JSON.stringify({app: 'node-web', version, twoDays: ms('2 days')}) + '\n');
}).listen(Number(process.env.PORT || 3000), '0.0.0.0', () => console.log('node-web ' + version + ' listening'));
