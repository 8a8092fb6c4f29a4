"""Classification catalogues (政府收支分类科目) shipped with yusuan, each row with its source."""

from yusuan.reference.catalogue import Catalogue, catalogue

__all__ = ["Catalogue", "catalogue"]
