"""The embedded Oxigraph backend: everything that imports pyoxigraph lives in this package."""

from eventgraph.store.oxigraph.files import RdfFiles
from eventgraph.store.oxigraph.generations import Generations
from eventgraph.store.oxigraph.store import OxigraphStore

__all__ = ["Generations", "OxigraphStore", "RdfFiles"]
