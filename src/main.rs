//! Mounts the Avro Playground app on the page.

fn main() {
    leptos::mount::mount_to_body(avro_playground_web::App);
}
