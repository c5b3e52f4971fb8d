// Runs inside the function's network namespace (outside its chroot): forwards a Unix socket the
// test can reach to the function's loopback port, which nothing outside the namespace can.
// Plain JavaScript: it runs on the host's node, outside vitest.
import net from 'node:net';

const [socket, port] = process.argv.slice(2);
net
  .createServer((conn) => {
    const upstream = net.connect(Number(port), '127.0.0.1');
    conn.pipe(upstream).pipe(conn);
    const close = () => (conn.destroy(), upstream.destroy());
    conn.on('error', close);
    upstream.on('error', close);
  })
  .listen(socket, () => console.log('relay ready'));
