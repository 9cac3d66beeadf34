//! Mounts the Avro Playground app on the page.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(avro_playground_web::App);
}
