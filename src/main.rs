fn main() {
    std::process::exit(gen_report::cli::main());
}
