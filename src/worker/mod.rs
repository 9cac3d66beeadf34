//! The page's side of the on-demand worker (`worker/main.rs`, built by Trunk as a second binary): it is
//! started when the page is idle after the interactive mark, or at the first request; requests wait for
//! its "ready" (whose build id must be the page's); each answer goes to the callback of its request.
//! A worker that fails to load or stops fails every waiting request with a message and a retry
//! ([`retry`]); one of another build asks for a reload.

pub mod jobs;
pub mod offloaded;
pub mod protocol;
pub mod trouble;

use js_sys::Array;
use leptos::prelude::{ArcTrigger, Notify, Track};
use protocol::{Reader, Reply, Request, BUILD_ID, WORKER_URL};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use wasm_bindgen::prelude::*;

/// Why the worker could not answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkerError {
    /// Its files did not load, or it stopped: trying again may help.
    Failed(String),
    /// It comes from another build of the site than the page (an old cached file): reload the page.
    Mismatch {
        /// The worker's build id.
        worker: String,
    },
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkerError::Failed(why) => write!(
                f,
                "The part of the page that does this did not load or stopped ({why})."
            ),
            WorkerError::Mismatch { worker } => write!(
                f,
                "This page and its background part come from different versions of the site (page \
                 {BUILD_ID}, part {worker}): reload the page to use the new version."
            ),
        }
    }
}

type Callback = Box<dyn FnOnce(Result<Reply, WorkerError>)>;

/// Where the worker is in its life.
enum State {
    /// Not started, while the page loads: requests wait here until [`prefetch`] starts it, so that nothing
    /// of the worker is fetched before the interactive mark.
    Deferred(Vec<(Array, Array)>),
    /// Not started (after [`retry`]): the next request starts it.
    Idle,
    /// Started, its wasm loading: messages wait here until it says "ready".
    Starting(web_sys::Worker, Vec<(Array, Array)>),
    /// Answering.
    Ready(web_sys::Worker),
    /// Failed to load, stopped, or of another build.
    Broken(WorkerError),
}

struct Client {
    state: State,
    /// Posts requests to a stand-in instead of a worker (the component tests, which have none).
    inline: Option<fn(JsValue)>,
    next: u32,
    waiting: HashMap<u32, Callback>,
    generation: u32,
    retries: ArcTrigger,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client {
        state: State::Deferred(Vec::new()),
        inline: None,
        next: 0,
        waiting: HashMap::new(),
        generation: 0,
        retries: ArcTrigger::new(),
    });
}

/// Asks the worker; `reply` gets its answer later (never during this call), unless [`retry`] forgets the
/// request first.
pub fn ask(request: Request, reply: impl FnOnce(Result<Reply, WorkerError>) + 'static) {
    let failed = CLIENT.with_borrow_mut(|c| {
        let seq = c.next;
        c.next = c.next.wrapping_add(1);
        c.waiting.insert(seq, Box::new(reply));
        mark_busy(true);
        let message = request.to_message(seq);
        if let Some(post) = c.inline {
            wasm_bindgen_futures::spawn_local(async move { post(message.0.into()) });
            return None;
        }
        if matches!(c.state, State::Idle) {
            c.state = spawn();
        }
        match &mut c.state {
            State::Deferred(queue) | State::Starting(_, queue) => queue.push(message),
            State::Ready(worker) => {
                if let Err(e) = worker.post_message_with_transfer(&message.0, &message.1) {
                    return Some(WorkerError::Failed(describe(&e)));
                }
            }
            State::Broken(e) => return Some(e.clone()),
            State::Idle => {}
        }
        None
    });
    if let Some(error) = failed {
        // Later, as promised: the caller may be a memo, which must not see its own signals change.
        wasm_bindgen_futures::spawn_local(async move { fail_all(error) });
    }
}

/// Starts the worker if it is not started, with the requests made so far (the page calls it when idle
/// after the interactive mark, so that the on-demand parts are here before they are needed, and still
/// after the network drops).
pub fn prefetch() {
    let failed = CLIENT.with_borrow_mut(|c| {
        if c.inline.is_some() {
            return None;
        }
        let queue = match &mut c.state {
            State::Deferred(queue) => std::mem::take(queue),
            State::Idle => Vec::new(),
            _ => return None,
        };
        c.state = spawn();
        match &mut c.state {
            State::Starting(_, waiting) => {
                waiting.extend(queue);
                None
            }
            State::Broken(e) => Some(e.clone()),
            _ => None,
        }
    });
    if let Some(error) = failed {
        fail_all(error);
    }
}

/// Stops the worker and forgets every waiting request; the next request starts a new worker, and every
/// [`offloaded::Offloaded`] asks again.
pub fn retry() {
    let retries = CLIENT.with_borrow_mut(|c| {
        if let State::Starting(w, _) | State::Ready(w) = &c.state {
            w.terminate();
        }
        c.state = State::Idle;
        c.waiting.clear();
        mark_busy(false);
        c.generation = c.generation.wrapping_add(1);
        c.retries.clone()
    });
    retries.notify();
}

/// How many times [`retry`] was called (tracked: a memo that reads it asks again after a retry).
pub fn generation() -> u32 {
    CLIENT.with_borrow(|c| {
        c.retries.track();
        c.generation
    })
}

/// Whether the worker has loaded and answers.
pub fn is_ready() -> bool {
    CLIENT.with_borrow(|c| c.inline.is_some() || matches!(c.state, State::Ready(_)))
}

/// Hands every request to `post` instead of a worker, later (not during [`ask`]); `post` answers it with
/// [`deliver`]. For the component tests, which run without the site's worker files: they answer in the
/// page with `protocol::respond` and `jobs::answer`, through the same messages. (A page that linked that
/// here would carry the worker's code in its first load.)
pub fn answer_inline(post: fn(JsValue)) {
    CLIENT.with_borrow_mut(|c| c.inline = Some(post));
}

/// Marks the page `data-worker-busy` while requests wait for answers (until then, views may show the
/// last answer): the end-to-end tests wait for it to go.
fn mark_busy(busy: bool) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = if busy {
        root.set_attribute("data-worker-busy", "")
    } else {
        root.remove_attribute("data-worker-busy")
    };
}

/// A JS error in words.
fn describe(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "no reason given".into())
}

/// Creates the module worker from its loader, next to the page.
fn spawn() -> State {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = match web_sys::Worker::new_with_options(WORKER_URL, &options) {
        Ok(w) => w,
        Err(e) => return State::Broken(WorkerError::Failed(describe(&e))),
    };
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
            deliver(ev.data())
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A file that does not load, and an exception in the worker (a panic aborts its wasm), both land here.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        ev.prevent_default();
        let why = describe(&ev);
        let why = if why == "no reason given" {
            "its files could not be loaded; check the connection".to_string()
        } else {
            why
        };
        break_with(WorkerError::Failed(why));
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    State::Starting(worker, Vec::new())
}

/// Handles a message from the worker (or from the stand-in of [`answer_inline`]).
pub fn deliver(data: JsValue) {
    let Ok((tag, mut message)) = Reader::new(data) else {
        return;
    };
    match tag.as_str() {
        "ready" => {
            let id = message.string().unwrap_or_default();
            if id != BUILD_ID {
                return break_with(WorkerError::Mismatch { worker: id });
            }
            CLIENT.with_borrow_mut(|c| {
                if !matches!(c.state, State::Starting(..)) {
                    return;
                }
                if let State::Starting(worker, queue) = std::mem::replace(&mut c.state, State::Idle)
                {
                    for (m, transfer) in queue {
                        let _ = worker.post_message_with_transfer(&m, &transfer);
                    }
                    c.state = State::Ready(worker);
                }
            });
        }
        "answer" => {
            let Ok(seq) = message.number() else {
                return;
            };
            let reply = Reply::read(&mut message)
                .map_err(|e| WorkerError::Failed(format!("it answered something unreadable: {e}")));
            let callback = CLIENT.with_borrow_mut(|c| {
                let callback = c.waiting.remove(&(seq as u32));
                mark_busy(!c.waiting.is_empty());
                callback
            });
            if let Some(callback) = callback {
                callback(reply);
            }
        }
        "mismatch" => {
            let worker = message.string().unwrap_or_default();
            break_with(WorkerError::Mismatch { worker });
        }
        _ => {}
    }
}

/// Stops the worker for good (until [`retry`]) and fails every waiting request.
fn break_with(error: WorkerError) {
    CLIENT.with_borrow_mut(|c| {
        if let State::Starting(w, _) | State::Ready(w) = &c.state {
            w.terminate();
        }
        c.state = State::Broken(error.clone());
    });
    fail_all(error);
}

fn fail_all(error: WorkerError) {
    let waiting: Vec<Callback> =
        CLIENT.with_borrow_mut(|c| c.waiting.drain().map(|(_, cb)| cb).collect());
    mark_busy(false);
    for callback in waiting {
        callback(Err(error.clone()));
    }
}
