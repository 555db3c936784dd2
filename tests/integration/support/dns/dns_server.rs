//! A real DNS server for tests: hickory-server on 127.0.0.1, a random
//! port, UDP and TCP, serving zones written as text in the tests.
//!
//! It runs on its own tokio runtime in a background thread, so the code
//! under test (the library's own runtime, or the built binary started with
//! `std::process::Command`) can ask it while the test waits. It counts the
//! questions it receives, can answer SERVFAIL for chosen names, and can
//! delay every answer (for the benchmark and the deadline tests).

#![allow(dead_code)]

use std::net::{SocketAddr, UdpSocket as StdUdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use hickory_server::Server;
use hickory_server::net::runtime::{Time, TokioRuntimeProvider};
use hickory_server::proto::op::ResponseCode;
use hickory_server::proto::rr::{LowerName, Name};
use hickory_server::proto::serialize::txt::Parser;
use hickory_server::server::{Request, RequestHandler, ResponseHandler, ResponseInfo};
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, MessageResponseBuilder, ZoneType};
use tokio::sync::oneshot;

/// What the server serves and how.
#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    /// Zone files as text; each needs `$ORIGIN` and a SOA record.
    pub zones: Vec<String>,
    /// Names (lowercase, with the trailing dot) answered with SERVFAIL.
    pub servfail: Vec<String>,
    /// Wait this long before every answer.
    pub delay: Duration,
}

/// A running server; it stops when dropped.
pub struct TestServer {
    addr: SocketAddr,
    queries: Arc<AtomicUsize>,
    in_flight: Arc<InFlight>,
    tcp_queries: Arc<AtomicUsize>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start(config: ServerConfig) -> TestServer {
        let queries = Arc::new(AtomicUsize::new(0));
        let tcp_queries = Arc::new(AtomicUsize::new(0));
        let in_flight = Arc::new(InFlight::default());
        let handler = TestHandler {
            catalog: catalog(&config.zones),
            servfail: config
                .servfail
                .iter()
                .map(|n| LowerName::new(&Name::from_ascii(n).expect("servfail name")))
                .collect(),
            delay: config.delay,
            queries: queries.clone(),
            in_flight: in_flight.clone(),
            tcp_queries: tcp_queries.clone(),
        };
        let (stop, stopped) = oneshot::channel();
        let (ready, addr) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(serve(handler, ready, stopped));
        });
        let addr = addr
            .recv_timeout(Duration::from_secs(10))
            .expect("server started");
        TestServer {
            addr,
            queries,
            in_flight,
            tcp_queries,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `127.0.0.1:PORT`, as `--resolver` takes it.
    pub fn resolver_arg(&self) -> String {
        self.addr.to_string()
    }

    /// The library's DNS options asking this server only (default
    /// deadline and limits).
    pub fn dns_options(&self) -> trace_path::dns::DnsOptions {
        trace_path::dns::DnsOptions {
            resolvers: vec![trace_path::dns::ResolverAddr(self.addr)],
            ..trace_path::dns::DnsOptions::default()
        }
    }

    /// The most questions the server was answering at one time.
    pub fn peak_in_flight(&self) -> usize {
        self.in_flight.peak.load(Ordering::SeqCst)
    }

    /// Questions received so far (each UDP or TCP message counts once).
    pub fn queries(&self) -> usize {
        self.queries.load(Ordering::SeqCst)
    }

    /// Questions received over TCP (a truncated UDP answer asked again).
    pub fn tcp_queries(&self) -> usize {
        self.tcp_queries.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(
    handler: TestHandler,
    ready: std::sync::mpsc::Sender<SocketAddr>,
    stopped: oneshot::Receiver<()>,
) {
    let (udp, tcp) = bind_pair().await;
    let addr = udp.local_addr().expect("local addr");
    // Keep the server in a named binding: dropping it stops it.
    let mut server = Server::new(handler);
    server.register_socket(udp);
    server.register_listener(tcp, Duration::from_secs(2), 32);
    ready.send(addr).expect("test waits for the address");
    let _ = stopped.await;
    let _ = server.shutdown_gracefully().await;
}

/// A UDP socket and a TCP listener on the same random port.
async fn bind_pair() -> (tokio::net::UdpSocket, tokio::net::TcpListener) {
    for _ in 0..50 {
        let udp = tokio::net::UdpSocket::bind("127.0.0.1:0")
            .await
            .expect("bind udp");
        let addr = udp.local_addr().expect("udp addr");
        if let Ok(tcp) = tokio::net::TcpListener::bind(addr).await {
            return (udp, tcp);
        }
    }
    panic!("no free port for UDP and TCP together");
}

fn catalog(zones: &[String]) -> Catalog {
    let mut catalog = Catalog::new();
    for text in zones {
        let (origin, records) = Parser::new(text.as_str(), None, None)
            .parse()
            .unwrap_or_else(|e| panic!("zone does not parse: {e}\n{text}"));
        let zone = InMemoryZoneHandler::<TokioRuntimeProvider>::new(
            origin.clone(),
            records,
            ZoneType::Primary,
            AxfrPolicy::Deny,
        )
        .expect("zone handler");
        catalog.upsert(LowerName::new(&origin), vec![Arc::new(zone)]);
    }
    catalog
}

/// Questions being answered now, and the most at one time.
#[derive(Default)]
struct InFlight {
    now: AtomicUsize,
    peak: AtomicUsize,
}

/// Counts one question as in flight until dropped.
struct Answering<'a>(&'a InFlight);

impl<'a> Answering<'a> {
    fn start(counter: &'a InFlight) -> Answering<'a> {
        let now = counter.now.fetch_add(1, Ordering::SeqCst) + 1;
        counter.peak.fetch_max(now, Ordering::SeqCst);
        Answering(counter)
    }
}

impl Drop for Answering<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

struct TestHandler {
    catalog: Catalog,
    servfail: Vec<LowerName>,
    delay: Duration,
    queries: Arc<AtomicUsize>,
    in_flight: Arc<InFlight>,
    tcp_queries: Arc<AtomicUsize>,
}

#[async_trait::async_trait]
impl RequestHandler for TestHandler {
    async fn handle_request<R: ResponseHandler, T: Time>(
        &self,
        request: &Request,
        mut response_handle: R,
    ) -> ResponseInfo {
        self.queries.fetch_add(1, Ordering::SeqCst);
        let _answering = Answering::start(&self.in_flight);
        if request.protocol() == hickory_server::net::xfer::Protocol::Tcp {
            self.tcp_queries.fetch_add(1, Ordering::SeqCst);
        }
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        let fail = request
            .request_info()
            .map(|info| self.servfail.contains(info.query.name()))
            .unwrap_or(false);
        if !fail {
            return self
                .catalog
                .handle_request::<R, T>(request, response_handle)
                .await;
        }
        let response = MessageResponseBuilder::new(&request.queries, None)
            .error_msg(&request.metadata, ResponseCode::ServFail);
        response_handle
            .send_response(response)
            .await
            .expect("send SERVFAIL")
    }
}

/// A UDP socket that receives questions and never answers: a dead resolver.
pub struct SilentServer {
    socket: StdUdpSocket,
}

impl SilentServer {
    pub fn start() -> SilentServer {
        SilentServer {
            socket: StdUdpSocket::bind("127.0.0.1:0").expect("bind silent socket"),
        }
    }

    pub fn resolver_arg(&self) -> String {
        self.socket.local_addr().expect("addr").to_string()
    }
}
