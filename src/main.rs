//! Mounts the Avro Playground app on the page.

fn main() {
    avro_playground_web::crash::install();
    leptos::mount::mount_to_body(avro_playground_web::App);
}
